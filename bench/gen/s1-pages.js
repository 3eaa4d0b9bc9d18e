// The simulated SentinelOne of bench/run.sh: <pages> pages of <per page> v2.1 threats as GET
// /web/api/v2.1/threats answers them ({"data": [threat...], "pagination": {"nextCursor", "totalItems"}}, design/
// vendor-facts.md "GET /threats for the sync job"), one file per page: p001.json (no cursor) ... pNNN.json, each
// naming the next page's file as its nextCursor; the last has nextCursor null. nginx serves ?cursor=pNNN as pNNN.json.
// Threats: site 123456 (mapped in config/mapping.yaml), resolved, false positive, updatedAt rising within the last
// hour (the sync reads from now - 24 h).
//   node s1-pages.js <pages> <per page> <out dir>
"use strict";
const fs = require("fs");
const path = require("path");
const [pagesText, perPageText, dir] = process.argv.slice(2);
const pages = parseInt(pagesText, 10);
const perPage = parseInt(perPageText, 10);
const total = pages * perPage;
fs.mkdirSync(dir, {recursive: true});
const start = Date.now() - 3600 * 1000;
const name = (p) => "p" + String(p).padStart(3, "0");
for (let p = 1; p <= pages; p++) {
    const data = [];
    for (let i = 0; i < perPage; i++) {
        const n = (p - 1) * perPage + i + 1;
        const id = String(1900000000000000000n + BigInt(n));
        const at = new Date(start + n * 10).toISOString();
        data.push({
            id: id,
            agentDetectionInfo: {siteId: "123456", siteName: "Bench site", agentUuid: "bench-agent-" + (n % 500),
                agentOsName: "Windows 11 Pro", agentVersion: "23.4.2.14"},
            agentRealtimeInfo: {siteId: "123456", agentComputerName: "BENCH-" + (n % 500), agentOsType: "windows"},
            threatInfo: {threatId: id, threatName: "bench-sample-" + n + ".exe", classification: "Malware",
                confidenceLevel: "malicious", incidentStatus: "resolved", analystVerdict: "false_positive",
                mitigationStatus: "mitigated", sha1: "3395856ce81f2b7382dee72602f798b642f14140",
                filePath: "\\Device\\HarddiskVolume3\\Users\\bench\\Downloads\\bench-sample-" + n + ".exe",
                createdAt: at, updatedAt: at, identifiedAt: at},
            mitigationStatus: [{action: "kill", status: "success"}, {action: "quarantine", status: "success"}]
        });
    }
    const answer = {data: data, pagination: {nextCursor: p < pages ? name(p + 1) : null, totalItems: total}};
    fs.writeFileSync(path.join(dir, name(p) + ".json"), JSON.stringify(answer));
}
