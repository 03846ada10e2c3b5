// The work screens read and write this device's database: nothing to render on the server.
export const ssr = false;
