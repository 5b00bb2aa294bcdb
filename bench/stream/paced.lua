-- wrk script: random ranged reads as players seeking send them, each connection pausing between requests, so
-- that the server is measured well under saturation (its own latency, not the queue in front of it).
-- Usage: wrk ... -s paced.lua URL -- PATH SIZE WINDOW THINK_MS [TOKEN]
-- Each connection waits a uniformly random 0..2*THINK_MS milliseconds before each request (mean THINK_MS), so
-- 50 connections at THINK_MS=50 ask for about 1,000 requests a second between them. wrk times a request from
-- its write to the end of its response; the pause before it is not counted.
local path, size, window, think, token

function init(args)
  path = args[1]
  size = tonumber(args[2])
  window = tonumber(args[3])
  think = tonumber(args[4])
  token = args[5]
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end

function delay()
  return math.random(0, 2 * think)
end

function request()
  local first = math.random(0, size - window)
  local headers = { ["Range"] = "bytes=" .. first .. "-" .. (first + window - 1) }
  if token and token ~= "" then
    headers["Authorization"] = "Bearer " .. token
  end
  return wrk.format("GET", path, headers)
end

-- No response() hook: wrk counts non-2xx answers itself, and a hook would make it copy every body into Lua.
function done(summary, latency, requests)
  io.write(string.format("paced %d requests %.1f req/s p50 %.3f p99 %.3f p99.9 %.3f max %.3f ms\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, latency.max / 1000))
end
