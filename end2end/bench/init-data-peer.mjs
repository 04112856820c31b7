// The peer for the initData benchmark: @telegram-apps/init-data-node's validate() (pinned in
// package-lock.json) on the same initData and token as server/benches/init_data.rs, which
// writes them to the file named by the first argument. Prints the median time per validation
// over several rounds, in nanoseconds, as `PEER_NS <n>`.
//
// Usage: node bench/init-data-peer.mjs <sample.json>
import { readFileSync } from "node:fs";
import { validate } from "@telegram-apps/init-data-node";

const { init_data: initData, token } = JSON.parse(readFileSync(process.argv[2], "utf8"));
// The sample is signed for a fixed moment: the age is not what is measured.
const options = { expiresIn: 0 };
validate(initData, token, options); // throws if the peer disagrees that it is valid

const perRound = 50_000;
for (let i = 0; i < perRound; i++) validate(initData, token, options); // warm-up (JIT)
const rounds = [];
for (let round = 0; round < 9; round++) {
  const started = process.hrtime.bigint();
  for (let i = 0; i < perRound; i++) validate(initData, token, options);
  rounds.push(Number(process.hrtime.bigint() - started) / perRound);
}
rounds.sort((a, b) => a - b);
console.log(`PEER_NS ${rounds[Math.floor(rounds.length / 2)].toFixed(1)}`);
