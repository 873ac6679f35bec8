-- wrk script: GET /api/items/<serial> for serials drawn at random from a file, with a bearer token.
-- Usage: wrk ... -s lookup.lua URL -- TOKEN SERIALS_FILE [hello]
-- With "hello" it asks GET /bench/hello instead, doing the same work per request (the draw, the
-- header), so that both routes are measured with the same load generator's cost on this machine.
local serials = {}
local token = ""
local hello = false
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("seed", thread_id)
end

function init(args)
  token = args[1]
  hello = args[3] == "hello"
  for line in io.lines(args[2]) do
    if #line > 0 then serials[#serials + 1] = line end
  end
  math.randomseed(os.time() * 1000 + (seed or 0))
end

function request()
  local serial = serials[math.random(#serials)]
  local path = hello and "/bench/hello" or ("/api/items/" .. serial)
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end
