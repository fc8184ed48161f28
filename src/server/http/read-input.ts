/**
 * Reads a request body as plain data, from JSON or from an HTML form. In forms, repeated
 * names (`channels`) become arrays where `arrays` says so, `fields.x` becomes
 * `{ fields: { x } }`, and a checkbox named `training` becomes a boolean.
 */
export async function readInput(request: Request, arrays: string[] = []): Promise<Record<string, unknown>> {
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('application/json')) {
    try {
      const body: unknown = await request.json();
      return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  if (!type.includes('application/x-www-form-urlencoded') && !type.includes('multipart/form-data')) return {};
  const form = await request.formData();
  const data: Record<string, unknown> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value !== 'string') continue;
    const [head, sub] = name.split('.', 2) as [string, string | undefined];
    if (sub !== undefined) {
      data[head] ??= {};
      const group = data[head] as Record<string, string>;
      if (value.trim() !== '') group[sub] = value;
    } else if (arrays.includes(head)) {
      data[head] = [...((data[head] as string[] | undefined) ?? []), value];
    } else if (head === 'training') {
      data[head] = value === 'on' || value === 'true' || value === '1';
    } else {
      data[head] = value;
    }
  }
  for (const name of arrays) data[name] ??= [];
  return data;
}
