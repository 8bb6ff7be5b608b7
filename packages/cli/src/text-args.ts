/**
 * Message text and display names typed by the user, checked with the SDK's own rules
 * (`checkText`, `checkDisplayName`) before anything connects; a bad one is a usage error (exit 2)
 * carrying the SDK's message (e.g. "text: 2100 characters exceeds 2000").
 */
import { HushError, isHushError } from '@hush/core';
import { checkDisplayName, checkText } from '@hush/client';

function asUsage(check: (value: unknown) => string, value: string): string {
  try {
    return check(value);
  } catch (err) {
    if (!isHushError(err)) throw err;
    throw new HushError('HUSH_ERR_USAGE', err.message, { details: { ...err.details, sdkCode: err.code }, cause: err });
  }
}

export function messageTextArg(text: string): string {
  return asUsage(checkText, text);
}

export function displayNameArg(name: string): string {
  return asUsage(checkDisplayName, name);
}
