-- wrk script: GET /api/items/<serial> for serials drawn at random from a file, with a bearer token.
-- Usage: wrk ... -s lookup.lua URL -- TOKEN SERIALS_FILE
local serials = {}
local token = ""
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("seed", thread_id)
end

function init(args)
  token = args[1]
  for line in io.lines(args[2]) do
    if #line > 0 then serials[#serials + 1] = line end
  end
  math.randomseed(os.time() * 1000 + (seed or 0))
end

function request()
  local serial = serials[math.random(#serials)]
  return wrk.format("GET", "/api/items/" .. serial, { ["Authorization"] = "Bearer " .. token })
end
