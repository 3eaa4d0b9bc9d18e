// A bulk inbox file for bench/run.sh (routes/bulk-incident-update.camel.yaml): CSV with the header
// "id,workspace,source,status,classification,classificationReason,comment" and <rows> valid rows (SentinelOne
// incidents closed as false positives in one workspace), so every row goes to ContraForce.
//   node bulk-file.js <rows> <out.csv>
"use strict";
const fs = require("fs");
const rows = parseInt(process.argv[2], 10);
const out = fs.openSync(process.argv[3], "w");
fs.writeSync(out, "id,workspace,source,status,classification,classificationReason,comment\n");
let buf = [];
for (let n = 1; n <= rows; n++) {
    buf.push("BENCH-" + n + ",6eca6a1f-2b3c-4d5e-8f90-a1b2c3d4e5f6,SentinelOne,Closed,FalsePositive,InaccurateData,"
        + "Closed by the bulk benchmark\n");
    if (buf.length === 10000 || n === rows) {
        fs.writeSync(out, buf.join(""));
        buf = [];
    }
}
fs.closeSync(out);
