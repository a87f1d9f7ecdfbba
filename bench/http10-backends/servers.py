import sys, asyncio, threading
which, port = sys.argv[1], int(sys.argv[2])
if which == 'websockets':
    from websockets.asyncio.server import serve
    async def echo(ws):
        async for m in ws:
            await ws.send(m)
    async def main():
        async with serve(echo, '127.0.0.1', port) as s:
            await s.serve_forever()
    asyncio.run(main())
elif which == 'tornado':
    import tornado.web, tornado.websocket, tornado.ioloop
    class E(tornado.websocket.WebSocketHandler):
        def check_origin(self, o):
            return True
        def on_message(self, m):
            self.write_message(m)
    app = tornado.web.Application([(r'/.*', E)])
    app.listen(port, '127.0.0.1')
    tornado.ioloop.IOLoop.current().start()
elif which == 'aiohttp':
    from aiohttp import web
    async def ws(req):
        w = web.WebSocketResponse()
        await w.prepare(req)
        async for m in w:
            await w.send_str(m.data)
        return w
    app = web.Application()
    app.router.add_get('/{tail:.*}', ws)
    web.run_app(app, host='127.0.0.1', port=port, print=None)
