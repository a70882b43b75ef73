# The site's part of kiosque.vcl: copy to /etc/varnish/kiosque-backends.vcl and adapt.
# (No `vcl` line: this file is included by kiosque.vcl.)

probe kiosque_ready {
  .url = "/readyz";
  .interval = 2s;
  .timeout = 1s;
  .window = 3;
  .threshold = 2;
}

backend kiosque_a {
  .host = "10.0.0.11";
  .port = "3000";
  .probe = kiosque_ready;
}

backend kiosque_b {
  .host = "10.0.0.12";
  .port = "3000";
  .probe = kiosque_ready;
}

# Who may send PURGE (the Kiosque instances) and read /metrics through Varnish.
acl kiosque_purgers {
  "localhost";
  "10.0.0.11";
  "10.0.0.12";
}

sub vcl_init {
  new kiosque = directors.round_robin();
  kiosque.add_backend(kiosque_a);
  kiosque.add_backend(kiosque_b);
}
