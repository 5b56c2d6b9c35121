-- Failed tracking look-ups on the public portal, counted per client in a fixed window. Kept in the
-- database so that every application instance behind a load balancer shares the count. The client is
-- stored as a SHA-256 of its address, never the address itself.
CREATE TABLE lookup_throttle (
    client_hash  TEXT PRIMARY KEY CHECK (client_hash ~ '^[0-9a-f]{64}$'),
    window_start TIMESTAMPTZ NOT NULL,
    failures     INT NOT NULL CHECK (failures >= 0)
);
CREATE INDEX lookup_throttle_window_idx ON lookup_throttle (window_start);
