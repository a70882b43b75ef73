vcl 4.1;

# Varnish in front of one or several Kiosque instances (docs/production.md, "Varnish").
#
# - Public pages are cached whatever cookies the browser sends; they carry their content tags in
#   an `xkey` header, and Kiosque purges exactly those tags when content changes
#   (`PURGE` with `xkey-purge: article:12 home`, sent to every VARNISH_URLS by each instance).
# - The back office, the admin API, previews, signed-in readers and POSTs are never cached.
# - Only what can be purged is kept: a response without `xkey` (error pages, redirects, personal
#   answers) is not stored, fingerprinted assets (`immutable`) aside.
# - Grace: when every backend is down, pages are served stale for up to a day; while a backend
#   is healthy, a page past its lifetime is served stale only for the few seconds of its refetch.
# - A response rendered before the last purge is delivered but not kept: each purge names the last
#   change it covers (`x-kiosque-invalidation`, a number that only grows), each response the last
#   change it shows (`x-kiosque-seen`); an instance's page that another instance's change made old
#   while it was on its way here is never stored after that change's purge.
#
# The site's own part, kiosque-backends.vcl (found on vcl_path, e.g. /etc/varnish), declares the
# backends, the `kiosque` director and the `kiosque_purgers` ACL: see kiosque-backends.example.vcl.

import std;
import xkey;
import directors;
import var;

include "kiosque-backends.vcl";

sub vcl_recv {
  set req.backend_hint = kiosque.backend();
  # One id per request in Varnish's log (varnishlog -q 'ReqHeader ~ "X-Request-Id"') and in Kiosque's.
  if (!req.http.X-Request-Id) {
    set req.http.X-Request-Id = "varnish-" + req.xid;
  }

  if (req.method == "PURGE") {
    if (client.ip !~ kiosque_purgers) {
      return (synth(403, "Forbidden"));
    }
    if (!req.http.xkey-purge) {
      return (synth(400, "xkey-purge header missing"));
    }
    # Noted before the purge: from then on, a response showing less is not kept.
    if (req.http.x-kiosque-invalidation ~ "^[0-9]{1,15}$" &&
        std.integer(req.http.x-kiosque-invalidation, 0) > std.integer(var.global_get("kiosque_purged"), 0)) {
      var.global_set("kiosque_purged", req.http.x-kiosque-invalidation);
    }
    set req.http.x-purged = xkey.purge(req.http.xkey-purge);
    return (synth(200, "Purged " + req.http.x-purged));
  }

  # Prometheus metrics are for the monitoring host, never for the public through the cache.
  if (req.url ~ "^/metrics(\?|$)" && client.ip !~ kiosque_purgers) {
    return (synth(404, "Not Found"));
  }

  if (req.method != "GET" && req.method != "HEAD") {
    return (pass);
  }

  # Personal by nature: back office, admin API, previews, health checks.
  if (req.url ~ "^/(admin|apercu|healthz|readyz|metrics)([/?]|$)" ||
      (req.url ~ "^/api([/?]|$)" && req.url !~ "^/api/content([/?]|$)")) {
    return (pass);
  }

  # The readers' area reads the reader's cookie (forms, profile, "who am I"): a signed-in reader
  # goes to Kiosque; without a cookie its public pages (threads, permalinks) are cached as usual.
  if (req.url ~ "^/(lecteurs|commentaires|commentaire)([/?]|$)") {
    if (req.http.Cookie) {
      return (pass);
    }
    return (hash);
  }

  # Everything else is public and the same for everyone: cookies (consent, analytics, a
  # back-office session on the public site) play no part in it.
  unset req.http.Cookie;
  unset req.http.Authorization;

  # While a backend is healthy, serve a page past its lifetime only during its background
  # refetch; when none is, keep serving what we have (beresp.grace below).
  if (std.healthy(req.backend_hint)) {
    set req.grace = 10s;
  }
  return (hash);
}

sub vcl_backend_response {
  # Only what Kiosque can purge is kept (it names the page's content in xkey), plus immutable
  # fingerprinted files. Anything else (errors, redirects, personal answers) is fetched each time.
  if (!beresp.http.xkey && beresp.http.Cache-Control !~ "immutable") {
    set beresp.uncacheable = true;
    set beresp.ttl = 120s;
    return (deliver);
  }
  # Rendered before a change whose purge came in since: this reader gets it, nobody keeps it (the
  # next request fetches the page again).
  if (beresp.http.x-kiosque-seen ~ "^[0-9]{1,15}$" &&
      std.integer(beresp.http.x-kiosque-seen, 0) < std.integer(var.global_get("kiosque_purged"), 0)) {
    set beresp.uncacheable = true;
    set beresp.ttl = 0s;
    return (deliver);
  }
  if (beresp.http.xkey) {
    set beresp.grace = 24h;
  }
}

sub vcl_deliver {
  # The tags are for Varnish and CDNs, not for browsers; so is the last change a page shows.
  unset resp.http.xkey;
  unset resp.http.x-kiosque-seen;
  if (client.ip !~ kiosque_purgers) {
    unset resp.http.Surrogate-Key;
  }
  if (obj.hits > 0) {
    set resp.http.X-Cache = "HIT";
  } else {
    set resp.http.X-Cache = "MISS";
  }
}
