import type { NextFunction, Request, Response } from 'express';
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
    // set per answer by strictTransportOverTls: only answers that came over TLS carry HSTS
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
}

/**
 * HSTS on answers that came over TLS only: a browser that reached the entry by HTTPS keeps to it
 * for a year, while plain HTTP on loopback (development) is never told to upgrade to a port that
 * may not exist.
 */
export function strictTransportOverTls() {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.secure) response.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
    next();
  };
}
