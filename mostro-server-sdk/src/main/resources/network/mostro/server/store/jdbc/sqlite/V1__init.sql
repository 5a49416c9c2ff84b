-- Mostro node store, schema version 1 (SQLite). STRICT tables: a value of the wrong type is rejected on write.
-- Orders: the daemon's order row plus the state machine's TradeContext (ctx_* columns). Booleans are 0/1.
CREATE TABLE orders (
    id                       TEXT    NOT NULL PRIMARY KEY,
    kind                     TEXT    NOT NULL,
    status                   TEXT    NOT NULL,
    version                  INTEGER NOT NULL CHECK (version >= 0),
    creator_pubkey           TEXT    NOT NULL,
    buyer_pubkey             TEXT,
    master_buyer_pubkey      TEXT,
    seller_pubkey            TEXT,
    master_seller_pubkey     TEXT,
    trade_index_buyer        INTEGER,
    trade_index_seller       INTEGER,
    fiat_code                TEXT    NOT NULL,
    fiat_amount              INTEGER NOT NULL,
    min_amount               INTEGER,
    max_amount               INTEGER,
    payment_method           TEXT    NOT NULL,
    premium                  INTEGER NOT NULL,
    price_from_api           INTEGER NOT NULL CHECK (price_from_api IN (0, 1)),
    amount                   INTEGER NOT NULL,
    fee                      INTEGER NOT NULL,
    dev_fee                  INTEGER NOT NULL,
    dev_fee_paid             INTEGER NOT NULL CHECK (dev_fee_paid IN (0, 1)),
    dev_fee_payment_hash     TEXT,
    buyer_invoice            TEXT,
    hold_invoice             TEXT,
    hold_hash                TEXT,
    preimage                 TEXT,
    hold_htlc_expiry_height  INTEGER NOT NULL,
    range_parent_id          TEXT,
    next_trade_pubkey        TEXT,
    next_trade_index         INTEGER,
    created_at               INTEGER NOT NULL,
    expires_at               INTEGER NOT NULL,
    taken_at                 INTEGER,
    invoice_held_at          INTEGER,
    payment_attempts         INTEGER NOT NULL,
    payout_hash              TEXT,
    payout_claimed_at        INTEGER,
    last_payout_attempt_at   INTEGER,
    event_created_at         INTEGER NOT NULL,
    ctx_bond_policy          TEXT    NOT NULL,
    ctx_slash_on_waiting_timeout INTEGER NOT NULL CHECK (ctx_slash_on_waiting_timeout IN (0, 1)),
    ctx_range                INTEGER NOT NULL CHECK (ctx_range IN (0, 1)),
    ctx_market               INTEGER NOT NULL CHECK (ctx_market IN (0, 1)),
    ctx_range_remainder      INTEGER NOT NULL CHECK (ctx_range_remainder IN (0, 1)),
    ctx_taker_assigned       INTEGER NOT NULL CHECK (ctx_taker_assigned IN (0, 1)),
    ctx_buyer_invoice_known  INTEGER NOT NULL CHECK (ctx_buyer_invoice_known IN (0, 1)),
    ctx_hold_invoice         TEXT    NOT NULL,
    ctx_taker_bonds          INTEGER NOT NULL,
    ctx_maker_bond_locked    INTEGER NOT NULL CHECK (ctx_maker_bond_locked IN (0, 1)),
    ctx_taker_bond_locked    INTEGER NOT NULL CHECK (ctx_taker_bond_locked IN (0, 1)),
    ctx_cooperative_cancel_by TEXT,
    ctx_dispute              TEXT,
    ctx_dispute_assignee     TEXT    NOT NULL,
    ctx_next_trade_known     INTEGER NOT NULL CHECK (ctx_next_trade_known IN (0, 1)),
    ctx_payout_in_flight     INTEGER NOT NULL CHECK (ctx_payout_in_flight IN (0, 1)),
    ctx_payout_exhausted     INTEGER NOT NULL CHECK (ctx_payout_exhausted IN (0, 1)),
    ctx_buyer_rated          INTEGER NOT NULL CHECK (ctx_buyer_rated IN (0, 1)),
    ctx_seller_rated         INTEGER NOT NULL CHECK (ctx_seller_rated IN (0, 1)),
    ctx_bond_payout          TEXT    NOT NULL,
    ctx_bond_payout_to       TEXT
) STRICT;
CREATE INDEX orders_status_created ON orders (status, created_at);
CREATE INDEX orders_master_buyer ON orders (master_buyer_pubkey);
CREATE INDEX orders_master_seller ON orders (master_seller_pubkey);
CREATE INDEX orders_created ON orders (created_at);

-- One dispute per order at most.
CREATE TABLE disputes (
    id                TEXT    NOT NULL PRIMARY KEY,
    order_id          TEXT    NOT NULL UNIQUE REFERENCES orders (id),
    status            TEXT    NOT NULL,
    version           INTEGER NOT NULL CHECK (version >= 0),
    initiator         TEXT    NOT NULL,
    initiator_pubkey  TEXT    NOT NULL,
    solver_pubkey     TEXT,
    created_at        INTEGER NOT NULL,
    taken_at          INTEGER,
    event_created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX disputes_status_created ON disputes (status, created_at);

CREATE TABLE users (
    identity_pubkey   TEXT    NOT NULL PRIMARY KEY,
    last_trade_index  INTEGER NOT NULL,
    total_reviews     INTEGER NOT NULL,
    total_rating      REAL    NOT NULL,
    last_rating       INTEGER NOT NULL,
    min_rating        INTEGER NOT NULL,
    max_rating        INTEGER NOT NULL,
    created_at        INTEGER NOT NULL
) STRICT;

CREATE TABLE solvers (
    pubkey      TEXT    NOT NULL PRIMARY KEY,
    can_write   INTEGER NOT NULL CHECK (can_write IN (0, 1)),
    created_at  INTEGER NOT NULL
) STRICT;

-- AUTOINCREMENT: a sequence number is never reused, even after the newest entry was dequeued.
CREATE TABLE outbox (
    seq         INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    event_json  TEXT    NOT NULL,
    purpose     TEXT    NOT NULL,
    attempts    INTEGER NOT NULL,
    not_before  INTEGER NOT NULL
) STRICT;
CREATE INDEX outbox_not_before ON outbox (not_before, seq);

CREATE TABLE processed (
    event_id  TEXT    NOT NULL PRIMARY KEY,
    at        INTEGER NOT NULL
) STRICT;
CREATE INDEX processed_at ON processed (at);

CREATE TABLE meta (
    key    TEXT NOT NULL PRIMARY KEY,
    value  TEXT NOT NULL
) STRICT;
