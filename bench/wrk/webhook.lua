-- wrk script of bench/run.sh: POSTs signed ContraForce webhook deliveries (bench/gen/webhook-pool.js made them).
--   wrk -t T ... -s webhook.lua -- <pool file> <template file> T
-- Each request takes the next pool line "<id> <timestamp> <signature>": X-CF-Event-Id = <id> (unique, so the
-- engine's dedupe never short-circuits), the body = the template with @ID@ replaced by <id>. With several threads,
-- thread k takes lines k, k+T, k+2T, ... Past the end of the pool it starts again (those would be duplicates: the
-- status counts show it). done() prints one JSON line: requests, duration, statuses, errors, latency percentiles.
local threads = {}
local counter = 1

function setup(thread)
    thread:set("tid", counter)
    counter = counter + 1
    table.insert(threads, thread)
end

function init(args)
    step = tonumber(args[3] or "1")
    local f = assert(io.open(args[2], "r"))
    local template = f:read("*a")
    f:close()
    local at = template:find("@ID@", 1, true)
    head = template:sub(1, at - 1)
    tail = template:sub(at + 4)
    pool = {}
    for line in io.lines(args[1]) do
        pool[#pool + 1] = line
    end
    nextIndex = tid or 1
    statuses = {}
    wrapped = 0
end

function request()
    if nextIndex > #pool then
        nextIndex = ((nextIndex - 1) % #pool) + 1
        wrapped = wrapped + 1
    end
    local id, ts, sig = pool[nextIndex]:match("^(%S+) (%S+) (%S+)$")
    nextIndex = nextIndex + step
    return wrk.format("POST", "/webhooks/contraforce", {
        ["Content-Type"] = "application/json",
        ["X-CF-Timestamp"] = ts,
        ["X-CF-Signature"] = sig,
        ["X-CF-Event-Id"] = id,
    }, head .. id .. tail)
end

function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
    local counts = {}
    local wraps = 0
    for _, t in ipairs(threads) do
        local s = t:get("statuses")
        for k, v in pairs(s) do
            counts[k] = (counts[k] or 0) + v
        end
        wraps = wraps + (t:get("wrapped") or 0)
    end
    local parts = {}
    for k, v in pairs(counts) do
        parts[#parts + 1] = string.format('"%d": %d', k, v)
    end
    local e = summary.errors
    io.write(string.format('{"requests": %d, "duration_us": %d, "statuses": {%s}, "errors": {"connect": %d, '
        .. '"read": %d, "write": %d, "status": %d, "timeout": %d}, "p50_us": %d, "p90_us": %d, "p99_us": %d, '
        .. '"max_us": %d, "mean_us": %.1f, "pool_wrapped": %d}\n',
        summary.requests, summary.duration, table.concat(parts, ", "), e.connect, e.read, e.write, e.status,
        e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
        latency.mean, wraps))
end
