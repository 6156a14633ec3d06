#!/usr/bin/env node
// What the password strength estimator (zxcvbn-ts, widget/domain/password-strength.ts) costs on
// adversarial inputs of growing length, in CPU time (process.cpuUsage, so a busy machine inflates
// it less than wall time): the figures behind ESTIMATOR_MAX_CODE_POINTS in widget/domain/password.ts.
// Printed, never asserted.
//
//   node bench/password-estimator.mjs [--lengths 16,32,64,128] [--runs 3]
import { estimatePasswordStrength } from '../widget/domain/password-strength.ts';
import { ESTIMATOR_MAX_CODE_POINTS, FIXED_CONTEXT_WORDS, passwordContextWords } from '../widget/domain/password.ts';

const args = { lengths: [16, 32, 64, 128], runs: 3 };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--lengths') args.lengths = argv[++i].split(',').map(Number);
  else if (argv[i] === '--runs') args.runs = Number(argv[++i]);
}

const cycle = (unit) => (n) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
// Inputs that keep zxcvbn's matchers busy: many l33t substitutions, digit runs, dates, mixed symbols.
const INPUTS = {
  'l33t symbols': cycle('4@!1|3$5710($'),
  'l33t word': cycle('p4$$w0rd'),
  digits: cycle('1234567890'),
  dates: cycle('15/03/1980'),
  'mixed printable': (n) => Array.from({ length: n }, (_, i) => String.fromCharCode(33 + ((i * 7919) % 94))).join(''),
  'spaced pairs': cycle('a1 '),
};
const words = [
  ...passwordContextWords({ identification: '1712345675', names: ['maria', 'jose', 'perez', 'lopez'], birthDay: 15, birthMonth: 3 }),
  ...FIXED_CONTEXT_WORDS,
];

const cpuMs = (run) => {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

console.log(`first use (dictionaries built): ${cpuMs(() => estimatePasswordStrength('x', words)).toFixed(0)} ms CPU`);
console.log(`the rule cuts the estimator's input at ${ESTIMATOR_MAX_CODE_POINTS} code points\n`);
console.log(['code points', ...Object.keys(INPUTS)].join(' | '));
for (const n of args.lengths) {
  const row = [String(n)];
  for (const make of Object.values(INPUTS)) {
    const text = make(n);
    const times = Array.from({ length: args.runs }, () => cpuMs(() => estimatePasswordStrength(text, words)));
    row.push(`${Math.min(...times).toFixed(0)} ms`);
  }
  console.log(row.join(' | '));
}
