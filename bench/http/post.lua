-- wrk script: POSTs the JSON bodies in the file named by $BODY (one per line) to /graphql in turn, each thread
-- starting at its own line, checks every response (status 200, no "errors" in the body) and prints one line:
-- RESULT <requests> <requests/s> <p50 ms> <p99 ms> <failed responses> <socket errors>
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/graphql-response+json"

local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("number", #threads)
end

function init(args)
  failed = 0
  first_failure = nil
  -- Every request formatted once here, so that the load generator's own work per request stays small.
  requests = {}
  for line in io.lines(os.getenv("BODY")) do
    if line ~= "" then table.insert(requests, wrk.format(nil, nil, nil, line)) end
  end
  assert(#requests > 0, "no request body in " .. os.getenv("BODY"))
  next_request = (number - 1) * math.floor(#requests / 2) % #requests
end

function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end

function response(status, headers, body)
  if status ~= 200 or string.find(body, '"errors"', 1, true) then
    failed = failed + 1
    first_failure = first_failure or (status .. " " .. string.sub(body, 1, 300))
  end
end

function done(summary, latency, requests)
  local failed_total = 0
  for _, thread in ipairs(threads) do
    failed_total = failed_total + thread:get("failed")
    local example = thread:get("first_failure")
    if example then io.stderr:write("first failed response: " .. example .. "\n") end
  end
  local errors = summary.errors
  local socket_errors = errors.connect + errors.read + errors.write + errors.timeout
  io.write(string.format("RESULT %d %.1f %.2f %.2f %d %d\n", summary.requests,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    failed_total, socket_errors))
end
