// ContraForce bulk-update stub behind nginx (bench/run.sh): POST /api/v2/incidents/across-workspaces/bulk-update
// with {"items": [{"id", ...}]} is answered 200 {"data": {"accepted": [every id], "forbidden": []}, "meta":
// {"requestId", "timestamp"}} (api-docs/contraforce-bulk-update-incidents-across-workspaces.md). It names the ids,
// which a static file cannot. nginx in front counts the calls in its access log (and paces SentinelOne's).
// SentinelOne POST /web/api/v2.1/threats/incident with {"filter": {"ids": [...]}, "data": {...}} is answered 200
// {"data": {"affected": <number of ids>}, "errors": []} (api-docs: SentinelOne "Update Threat Incident"): every
// threat of a batch matched, as a real console answers for threats it has.
"use strict";
const http = require("http");
const port = parseInt(process.argv[2] || "18481", 10);
let n = 0;
http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
        let accepted = [];
        try {
            const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
            if (req.url.startsWith("/web/api/v2.1/threats/incident")) {
                const ids = (body.filter && body.filter.ids) || [];
                const affected = JSON.stringify({data: {affected: ids.length}, errors: []});
                res.writeHead(200, {"content-type": "application/json", "content-length": Buffer.byteLength(affected)});
                res.end(affected);
                return;
            }
            accepted = (body.items || []).map((i) => String(i.id));
        } catch (e) {
            res.writeHead(400, {"content-type": "application/problem+json"});
            res.end(JSON.stringify({title: "Bad request", status: 400, detail: "body is not JSON", code: "BAD_REQUEST"}));
            return;
        }
        const answer = JSON.stringify({
            data: {accepted: accepted, forbidden: []},
            meta: {requestId: "bench-" + (++n), timestamp: new Date().toISOString()}
        });
        res.writeHead(200, {"content-type": "application/json", "content-length": Buffer.byteLength(answer)});
        res.end(answer);
    });
}).listen(port, "127.0.0.1");
