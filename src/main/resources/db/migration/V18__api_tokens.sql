-- API bearer tokens (issue #4): an API client signs in once (POST /api/v1/auth/tokens) and sends
-- "Authorization: Bearer <token>" afterwards, so that password hashing is not on every request. The token is 256
-- random bits; only its SHA-256 is stored (the token is random, so a fast hash is safe). A token is valid while
-- now < expires_at and revoked_at IS NULL, and its user is enabled and not locked.
CREATE TABLE api_token (
    id          BIGSERIAL PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    user_id     BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    revoked_at  TIMESTAMPTZ,
    CHECK (expires_at > created_at)
);
CREATE INDEX api_token_user_idx ON api_token (user_id);
CREATE INDEX api_token_expires_idx ON api_token (expires_at);
