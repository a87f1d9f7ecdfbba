package main

import (
	"context"
	"net"
	"net/http"
	"os"

	"github.com/coder/websocket"
	"github.com/gobwas/ws"
	"github.com/gobwas/ws/wsutil"
	gorilla "github.com/gorilla/websocket"
	xws "golang.org/x/net/websocket"
)

func main() {
	mux := http.NewServeMux()
	up := gorilla.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
	mux.HandleFunc("/gorilla", func(w http.ResponseWriter, r *http.Request) {
		c, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		for {
			t, m, err := c.ReadMessage()
			if err != nil {
				return
			}
			c.WriteMessage(t, m)
		}
	})
	mux.HandleFunc("/coder", func(w http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(w, r, &websocket.AcceptOptions{InsecureSkipVerify: true})
		if err != nil {
			return
		}
		ctx := context.Background()
		for {
			t, m, err := c.Read(ctx)
			if err != nil {
				return
			}
			c.Write(ctx, t, m)
		}
	})
	mux.HandleFunc("/gobwas", func(w http.ResponseWriter, r *http.Request) {
		conn, _, _, err := ws.UpgradeHTTP(r, w)
		if err != nil {
			return
		}
		go func() {
			defer conn.Close()
			for {
				m, op, err := wsutil.ReadClientData(conn)
				if err != nil {
					return
				}
				wsutil.WriteServerMessage(conn, op, m)
			}
		}()
	})
	mux.Handle("/xnet", xws.Handler(func(c *xws.Conn) {
		buf := make([]byte, 4096)
		for {
			n, err := c.Read(buf)
			if err != nil {
				return
			}
			c.Write(buf[:n])
		}
	}))
	// gobwas/ws on a raw listener (ws.Upgrade reads the request line itself), as gobwas/ws#75's agent.
	raw, err := net.Listen("tcp", "127.0.0.1:"+os.Args[2])
	if err != nil {
		panic(err)
	}
	go func() {
		for {
			conn, err := raw.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				if _, err := ws.Upgrade(conn); err != nil {
					return
				}
				for {
					m, op, err := wsutil.ReadClientData(conn)
					if err != nil {
						return
					}
					wsutil.WriteServerMessage(conn, op, m)
				}
			}()
		}
	}()
	if err := http.ListenAndServe("127.0.0.1:"+os.Args[1], mux); err != nil {
		panic(err)
	}
}
