// One big SentinelOne inbox file for the intake row of bench/run.sh: {"data": [threat...]} with <count> v2.1
// threats as small as the normalizer takes them (id, site, status, verdict, updatedAt: 182 bytes each, so
// 1,500,000 threats make a file of 273 MB), written as a stream.
// Threats: site 123456 (mapped in config/mapping.yaml), resolved, false positive.
//   node s1-threats-file.js <count> <out file>
"use strict";
const fs = require("fs");
const [countText, out] = process.argv.slice(2);
const count = parseInt(countText, 10);
const fd = fs.openSync(out, "w");
const at = new Date(Date.now() - 3600 * 1000).toISOString().replace(/\.\d+Z$/, "Z");
let buf = ['{"data": ['];
for (let n = 1; n <= count; n++) {
    const id = String(1800000000000000000n + BigInt(n));
    buf.push((n > 1 ? "," : "") + '{"id":"' + id + '","agentDetectionInfo":{"siteId":"123456"},"threatInfo":{'
        + '"incidentStatus":"resolved","analystVerdict":"false_positive","updatedAt":"' + at + '"}}');
    if (buf.length >= 10000) {
        fs.writeSync(fd, buf.join(""));
        buf = [];
    }
}
buf.push("]}\n");
fs.writeSync(fd, buf.join(""));
fs.closeSync(fd);
