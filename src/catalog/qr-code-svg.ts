import QRCode from 'qrcode';

/**
 * An SVG QR code for `url`, made at build time so a printed noodkaart leads back to its current
 * version online. Error correction M survives a folded or smudged card; the quiet zone of two
 * modules is the minimum most phone cameras read. The SVG draws in black on white for any printer.
 */
export async function qrCodeSvg(url: string): Promise<string> {
  return QRCode.toString(url, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
    color: { dark: '#000000', light: '#ffffff' },
  });
}
