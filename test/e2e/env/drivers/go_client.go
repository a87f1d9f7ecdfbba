// A real Go net/http client for the env real-client test: http.ProxyFromEnvironment decides.
// Names ending in .invalid are dialled at 127.0.0.23 (the test's direct-target listener), so a
// direct request never leaves the machine; the proxy (127.0.0.1) is dialled as given.
package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"time"
)

func main() {
	d := &net.Dialer{Timeout: 3 * time.Second}
	tr := &http.Transport{
		Proxy: http.ProxyFromEnvironment,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			host, port, err := net.SplitHostPort(addr)
			if err == nil && strings.HasSuffix(strings.TrimSuffix(host, "."), ".invalid") {
				addr = net.JoinHostPort("127.0.0.23", port)
			}
			return d.DialContext(ctx, network, addr)
		},
	}
	c := &http.Client{Transport: tr, Timeout: 3 * time.Second}
	resp, err := c.Get(os.Args[1])
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	resp.Body.Close()
	fmt.Println("ok", resp.StatusCode)
}
