import helmet from 'helmet';

/**
 * The headers that protect the dashboard's users in their browsers: a CSP that allows only this
 * origin's own scripts and data (the built dashboard has no inline script; its charts set inline
 * style attributes, hence 'unsafe-inline' for styles alone), no framing by anyone, no MIME
 * sniffing and no referrer leaving the origin. Swagger UI at /docs loads only its own files too.
 */
export function browserProtection() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    // the entry may run on plain HTTP on a developer's machine: HSTS only where TLS is configured
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
}
