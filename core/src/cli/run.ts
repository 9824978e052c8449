import { runCli } from './main.ts';

const code = await runCli(process.argv);
// `serve` keeps running until a signal; every other command ends here.
if (process.argv[2] !== 'serve' || code !== 0) process.exit(code);
