// The JS benchmarks' numbers (Node: benches/node/phones.mjs; the browser imports this file
// too): every region's example mobile number from libphonenumber-js (`lib`, with its
// `examples`), in international form, in random order, last two digits varied, one in three
// truncated or extended (the Rust and Python benchmarks' recipe, on mobile examples:
// libphonenumber-js ships only those).
export function corpus(lib, examples, count) {
  const seeds = lib.getCountries().map((c) => lib.getExampleNumber(c, examples)).filter(Boolean).map((p) => p.formatInternational());
  let state = 0x2545f4914f6cdd1dn;
  const mask = (1n << 64n) - 1n;
  const out = [];
  while (out.length < count) {
    state ^= (state << 13n) & mask;
    state ^= state >> 7n;
    state ^= (state << 17n) & mask;
    let text = seeds[Number((state >> 33n) % BigInt(seeds.length))];
    text = text.slice(0, -2) + String(state % 100n).padStart(2, "0");
    if (state % 6n === 0n) text = text.slice(0, -2);
    else if (state % 6n === 1n) text += "77";
    out.push(text);
  }
  return out;
}
