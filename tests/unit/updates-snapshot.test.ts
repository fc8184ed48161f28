import { describe, expect, it } from 'vitest';
import {
  addSnapshotNotice,
  SNAPSHOT_PAGES,
  takeUpdatesSnapshot,
  UpdatesSnapshotError,
} from '../../src/bundle/updates-snapshot.ts';

const takenAt = new Date('2026-11-25T20:05:00Z');

describe('addSnapshotNotice', () => {
  it('puts the dated notice right under the h1', () => {
    const html = addSnapshotNotice('<main><h1>Actuele berichten</h1><p>lijst</p></main>', takenAt);
    expect(html).toBe(
      '<main><h1>Actuele berichten</h1><p class="notice" role="note" data-snapshot-at>Dit zijn de berichten zoals Baken ze had op ' +
        '<time datetime="2026-11-25T20:05:00.000Z">25 november 2026 om 21:05</time>. Er kunnen intussen nieuwe berichten zijn.</p><p>lijst</p></main>',
    );
  });
});

describe('takeUpdatesSnapshot', () => {
  const hub = (status: (path: string) => number): typeof fetch =>
    (async (input: string | URL | Request) => {
      const path = new URL(String(input)).pathname;
      return new Response(path.endsWith('/') ? `<h1>${path}</h1>` : `{"path":"${path}"}`, { status: status(path) });
    }) as typeof fetch;

  it('keeps every page under its site/ file, with the notice on HTML pages only', async () => {
    const snapshot = await takeUpdatesSnapshot(
      'http://hub.test',
      hub(() => 200),
      () => takenAt,
    );
    expect([...snapshot.files.keys()]).toEqual(SNAPSHOT_PAGES.map((page) => page.file));
    expect(snapshot.files.get('actueel/index.html')?.toString()).toContain('data-snapshot-at');
    expect(snapshot.files.get('feeds/actueel.json')?.toString()).toBe('{"path":"/feeds/actueel.json"}');
    expect(snapshot).toMatchObject({ takenAt, source: 'http://hub.test' });
  });

  it('refuses a hub that does not give a page, naming it in Dutch', async () => {
    const failing = takeUpdatesSnapshot(
      'http://hub.test',
      hub((path) => (path === '/oefening/' ? 500 : 200)),
      () => takenAt,
    );
    await expect(failing).rejects.toBeInstanceOf(UpdatesSnapshotError);
    await expect(failing).rejects.toThrow(
      '/oefening/ van http://hub.test gaf status 500; de berichten konden niet in het pakket.',
    );
  });
});
