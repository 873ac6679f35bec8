-- wrk script: GET /api/items/<serial> for serials drawn at random from a file, with a bearer token.
-- Usage: wrk ... -s lookup.lua URL -- TOKEN SERIALS_FILE [hello]
-- With "hello" it asks GET /bench/hello instead, doing the same work per request (the draw, the
-- header), so that both routes are measured with the same load generator's cost on this machine.
--
-- Each serial's whole request is formatted once, in init(); a request is then one random draw
-- from that table. Formatting it per request (a header table, three string joins) cost wrk more
-- CPU per request than bare wrk pays for hello-world, and wrk shares the machine's two cores with
-- the server: the look-up was charged for its load generator's Lua.
local requests = {}
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("seed", thread_id)
end

function init(args)
  local token = args[1]
  local hello = args[3] == "hello"
  local headers = { ["Authorization"] = "Bearer " .. token }
  for line in io.lines(args[2]) do
    if #line > 0 then
      local path = hello and "/bench/hello" or ("/api/items/" .. line)
      requests[#requests + 1] = wrk.format("GET", path, headers)
    end
  end
  math.randomseed(os.time() * 1000 + (seed or 0))
end

function request()
  return requests[math.random(#requests)]
end
