/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The logged-in coordinator, on console pages and the API. */
    user?: import('./server/auth/user-store.ts').User & { training: boolean };
    /** Id of the session, for logout and the training-mode switch. */
    sessionId?: string;
    /** The services of this process, handed in by the server (see server/runtime.ts). */
    runtime?: import('./server/runtime.ts').Runtime;
  }
}
