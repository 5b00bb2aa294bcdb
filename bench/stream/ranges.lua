-- wrk script: every request asks for a random window of one file, with a bearer token when one is given.
-- Usage: wrk ... -s ranges.lua URL -- PATH SIZE WINDOW [TOKEN]
local path, size, window, token

function init(args)
  path = args[1]
  size = tonumber(args[2])
  window = tonumber(args[3])
  token = args[4]
  -- Each wrk thread has its own Lua state; seed each differently so they do not ask for the same windows.
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end

function request()
  local first = math.random(0, size - window)
  local headers = { ["Range"] = "bytes=" .. first .. "-" .. (first + window - 1) }
  if token and token ~= "" then
    headers["Authorization"] = "Bearer " .. token
  end
  return wrk.format("GET", path, headers)
end

local bad = 0
function response(status, headers, body)
  if status ~= 206 then
    bad = bad + 1
    if bad <= 3 then
      io.stderr:write("unexpected status " .. status .. "\n")
    end
  end
end
