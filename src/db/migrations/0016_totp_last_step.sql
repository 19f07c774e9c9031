-- Issue 17: a TOTP code must not sign in twice. The last time step (Unix time / 30 s) whose code was
-- accepted is kept per account; a code from that step or an earlier one is refused.
ALTER TABLE "staff" ADD COLUMN "totp_last_step" bigint;
