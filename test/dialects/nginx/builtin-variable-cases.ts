/**
 * Variables nginx defines without any directive, shared by the unit test of
 * nginx/analysis/builtin-variables and the e2e test that puts each into `add_header X $name` and
 * runs the real `nginx -t` (Debian's 1.22.1 with the modules it builds in).
 */

/** Known in an http server of nginx 1.22.1 (`nginx -t` passes). */
export const KNOWN_ON_1_22 = [
  'host', 'binary_remote_addr', 'remote_addr', 'remote_port', 'proxy_protocol_addr',
  'proxy_protocol_port', 'proxy_protocol_server_addr', 'proxy_protocol_server_port', 'server_addr',
  'server_port', 'server_protocol', 'scheme', 'https', 'request_uri', 'uri', 'document_uri',
  'request', 'document_root', 'realpath_root', 'query_string', 'args', 'is_args',
  'request_filename', 'server_name', 'request_method', 'remote_user', 'bytes_sent',
  'body_bytes_sent', 'pipe', 'request_completion', 'request_body', 'request_body_file',
  'request_length', 'request_time', 'request_id', 'status', 'limit_rate', 'connection',
  'connection_requests', 'connection_time', 'nginx_version', 'hostname', 'pid', 'msec',
  'time_iso8601', 'time_local', 'tcpinfo_rtt', 'tcpinfo_rttvar', 'tcpinfo_snd_cwnd',
  'tcpinfo_rcv_space', 'content_length', 'content_type', 'proxy_host', 'proxy_port',
  'proxy_add_x_forwarded_for', 'proxy_internal_body_length', 'proxy_internal_chunked',
  'fastcgi_script_name', 'fastcgi_path_info', 'upstream_addr', 'upstream_status',
  'upstream_connect_time', 'upstream_header_time', 'upstream_response_time',
  'upstream_response_length', 'upstream_bytes_received', 'upstream_bytes_sent',
  'upstream_cache_status', 'realip_remote_addr', 'realip_remote_port', 'gzip_ratio',
  'limit_conn_status', 'limit_req_status', 'secure_link', 'secure_link_expires', 'uid_got',
  'uid_set', 'uid_reset', 'invalid_referer', 'date_local', 'date_gmt', 'modern_browser',
  'ancient_browser', 'msie', 'connections_active', 'connections_reading', 'connections_writing',
  'connections_waiting', 'slice_range', 'http2',
  // families: a name after the prefix (headers, cookies, arguments, the TLS module's)
  'http_x_forwarded_for', 'HTTP_UPGRADE', 'sent_http_content_type', 'sent_trailer_grpc_status',
  'cookie_session', 'cookie_', 'arg_page', 'upstream_http_location', 'upstream_trailer_x',
  'upstream_cookie_sid', 'ssl_protocol', 'ssl_client_s_dn',
];

/** Built in elsewhere: nginx 1.22.1 -t in http says unknown variable, so where they hold is not checked here. */
export const KNOWN_ELSEWHERE: [string, string][] = [
  ['proxy_protocol_tlv_alpn', 'nginx 1.23.2 (nginx.org/en/docs/http/ngx_http_core_module.html#var_proxy_protocol_tlv_)'],
  ['protocol', 'stream {} (nginx.org/en/docs/stream/ngx_stream_core_module.html#variables)'],
  ['bytes_received', 'stream {}'],
  ['session_time', 'stream {}'],
  ['upstream_first_byte_time', 'stream {} (ngx_stream_upstream_module)'],
  ['upstream_session_time', 'stream {} (ngx_stream_upstream_module)'],
  ['upstream_last_server_name', 'newer nginx (nginx.org/en/docs/http/ngx_http_upstream_module.html#var_upstream_last_server_name)'],
  ['upstream_queue_time', 'upstream queue (nginx.org/en/docs/http/ngx_http_upstream_module.html#var_upstream_queue_time)'],
  ['http3', 'ngx_http_v3_module, 1.25.0'],
  ['quic', 'ngx_http_v3_module, 1.25.0'],
  ['brotli_ratio', 'ngx_brotli (github.com/google/ngx_brotli)'],
  ['spdy', 'ngx_http_spdy_module, before 1.9.5'],
  ['spdy_request_priority', 'ngx_http_spdy_module, before 1.9.5'],
  ['auth_basic_user', 'third-party modules'],
  ['dav_method', 'third-party modules'],
  ['request_body_length', 'third-party modules'],
  ['otel_trace_id', 'ngx_otel_module (nginx.org/en/docs/ngx_otel_module.html)'],
  ['geoip_area_code', 'ngx_http_geoip_module (Debian builds it as a dynamic module)'],
  ['geoip_country_code', 'ngx_http_geoip_module'],
  ['jwt_claim_sub', 'ngx_http_auth_jwt_module (commercial)'],
  ['ssl_preread_server_name', 'stream {} (ngx_stream_ssl_preread_module)'],
  ['opentracing_context_traceparent', 'nginx-opentracing'],
  ['session_log_id', 'ngx_http_session_log_module (commercial)'],
  ['mqtt_preread_clientid', 'stream {} (ngx_stream_mqtt_preread_module, commercial)'],
  ['pagespeed_x', 'ngx_pagespeed'],
  ['naxsi_score', 'naxsi'],
  ['modsec_transaction_id', 'ModSecurity-nginx'],
  ['zstd_ratio', 'zstd-nginx-module'],
  ['acme_certificate', 'nginx-acme'],
];

/** Unknown to nginx without a definition: nginx 1.22.1 -t fails with unknown "name" variable. */
export const UNKNOWN = ['connection_upgrade', 'memcached_key', 'http', 'cookie', 'arg', 'upstream', 'proxy_upgrade', 'hosts', 'xhost'];
