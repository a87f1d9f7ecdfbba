/**
 * Variables nginx (and the modules Debian builds in) define without any directive. Anything
 * else must come from `map`, `set`, `geo`, `split_clients`, a named regex capture or a module
 * directive that declares it, or nginx -t fails with `unknown "name" variable`.
 */
export const BUILTIN_VARIABLES = new Set(
  (
    // ngx_http_variables.c
    'host binary_remote_addr remote_addr remote_port proxy_protocol_addr proxy_protocol_port ' +
    'proxy_protocol_server_addr proxy_protocol_server_port server_addr server_port server_protocol ' +
    'scheme https request_uri uri document_uri request document_root realpath_root query_string args ' +
    'is_args request_filename server_name request_method remote_user bytes_sent body_bytes_sent pipe ' +
    'request_completion request_body request_body_file request_length request_time request_id status ' +
    'limit_rate connection connection_requests connection_time nginx_version hostname pid msec ' +
    'time_iso8601 time_local tcpinfo_rtt tcpinfo_rttvar tcpinfo_snd_cwnd tcpinfo_rcv_space ' +
    'content_length content_type ' +
    // ngx_stream_core_module, ngx_stream_upstream_module (stream {} has its own variables)
    'protocol bytes_received session_time upstream_first_byte_time upstream_session_time ' +
    // proxy, fastcgi, uwsgi, scgi, grpc, memcached
    'proxy_host proxy_port proxy_add_x_forwarded_for proxy_internal_body_length proxy_internal_chunked ' +
    'fastcgi_script_name fastcgi_path_info ' + // $memcached_key is not built in: it must be set (nginx -t: unknown variable)
    // upstream
    'upstream_addr upstream_status upstream_connect_time upstream_header_time upstream_response_time ' +
    'upstream_response_length upstream_bytes_received upstream_bytes_sent upstream_cache_status ' +
    'upstream_last_server_name upstream_queue_time ' +
    // other standard modules
    'realip_remote_addr realip_remote_port gzip_ratio limit_conn_status limit_req_status secure_link ' +
    'secure_link_expires uid_got uid_set uid_reset invalid_referer date_local date_gmt modern_browser ' +
    'ancient_browser msie connections_active connections_reading connections_writing connections_waiting ' +
    'slice_range http2 http3 quic brotli_ratio spdy ' +
    'auth_basic_user dav_method request_body_length'
  ).split(' '),
);

/**
 * Families of variables named after something: `$http_x_foo`, `$arg_page`, `$ssl_protocol`, …
 * (`$otel_trace_id`, `$geoip_area_code` and `$spdy_request_priority` are of these.) A capture
 * `$1` is no name: a use starts with a letter or `_` (variables.ts).
 */
export const BUILTIN_PREFIXES = [
  'http_', 'sent_http_', 'sent_trailer_', 'cookie_', 'arg_', 'upstream_http_', 'upstream_trailer_',
  'upstream_cookie_', 'ssl_', 'geoip_', 'proxy_protocol_tlv_', 'jwt_', 'ssl_preread_', 'opentracing_',
  'spdy_', 'session_log_', 'mqtt_', 'otel_', 'pagespeed_', 'naxsi_', 'modsec_', 'zstd_', 'acme_',
];

export function isBuiltinVariable(name: string): boolean {
  name = name.toLowerCase(); // nginx compares variable names case-insensitively
  if (BUILTIN_VARIABLES.has(name)) return true;
  for (const p of BUILTIN_PREFIXES) if (name.startsWith(p)) return true;
  return false;
}
