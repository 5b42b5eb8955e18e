// Preloaded into a CLI child (NODE_OPTIONS=--require …) by the secrets test: once the CLI is running,
// throws an error that quotes DISCORD_TOKEN from outside any of its own try/catch, as a library
// callback might.
setImmediate(() => {
  throw new Error(`library failure with credentials ${process.env.DISCORD_TOKEN}`);
});
