export { ApiError } from './api-error.ts';
export { codeOfStatus, ERROR_STATUS, isErrorCode, statusOf, type ErrorCode } from './error-codes.ts';
export { frameworkErrorBody, type ErrorBody } from './http-error-body.ts';
export { refusal, type ErrorTranslator, type HttpError } from './http-error.ts';
