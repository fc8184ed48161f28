import type { APIRoute } from 'astro';

export const prerender = false;

/** Liveness check for the server process (rendered on demand, never cached). */
export const GET: APIRoute = () =>
  new Response(JSON.stringify({ status: 'ok' }), {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
