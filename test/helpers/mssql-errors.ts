import mssql from 'mssql';

/**
 * A server error as mssql raises it: tedious reports the server's ERROR token (number, state,
 * class) as `info`, and mssql wraps it: `new RequestError(err, 'EREQUEST')` copies `number`
 * and keeps the driver's error as `originalError` (lib/tedious/request.js, handleError).
 */
export function serverError(number: number, message: string, cls = 16): mssql.RequestError {
  const err = Object.assign(new Error(message), { info: { number, state: 1, class: cls, message, serverName: 'db01', procName: '', lineNumber: 1 } });
  return new mssql.RequestError(err, 'EREQUEST');
}

/** A tedious error with a code (ETIMEOUT, ESOCKET...) wrapped as mssql does: the code is kept. */
export function driverError(kind: 'request' | 'connection', code: string, message: string): mssql.MSSQLError {
  const err = Object.assign(new Error(message), { code });
  return kind === 'request' ? new mssql.RequestError(err, 'EREQUEST') : new mssql.ConnectionError(err);
}
