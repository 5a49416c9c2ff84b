-- Mostro node store, schema version 1 (PostgreSQL).
-- Orders: the daemon's order row plus the state machine's TradeContext (ctx_* columns).
CREATE TABLE orders (
    id                       TEXT    NOT NULL PRIMARY KEY,
    ins_seq                  BIGINT  GENERATED ALWAYS AS IDENTITY,
    kind                     TEXT    NOT NULL,
    status                   TEXT    NOT NULL,
    version                  BIGINT  NOT NULL CHECK (version >= 0),
    creator_pubkey           TEXT    NOT NULL,
    buyer_pubkey             TEXT,
    master_buyer_pubkey      TEXT,
    seller_pubkey            TEXT,
    master_seller_pubkey     TEXT,
    trade_index_buyer        BIGINT,
    trade_index_seller       BIGINT,
    fiat_code                TEXT    NOT NULL,
    fiat_amount              BIGINT  NOT NULL,
    min_amount               BIGINT,
    max_amount               BIGINT,
    payment_method           TEXT    NOT NULL,
    premium                  BIGINT  NOT NULL,
    price_from_api           BOOLEAN NOT NULL,
    amount                   BIGINT  NOT NULL,
    fee                      BIGINT  NOT NULL,
    dev_fee                  BIGINT  NOT NULL,
    dev_fee_paid             BOOLEAN NOT NULL,
    dev_fee_payment_hash     TEXT,
    buyer_invoice            TEXT,
    hold_invoice             TEXT,
    hold_hash                TEXT,
    preimage                 TEXT,
    hold_htlc_expiry_height  BIGINT  NOT NULL,
    range_parent_id          TEXT,
    next_trade_pubkey        TEXT,
    next_trade_index         BIGINT,
    created_at               BIGINT  NOT NULL,
    expires_at               BIGINT  NOT NULL,
    taken_at                 BIGINT,
    invoice_held_at          BIGINT,
    payment_attempts         BIGINT  NOT NULL,
    payout_hash              TEXT,
    payout_claimed_at        BIGINT,
    last_payout_attempt_at   BIGINT,
    event_created_at         BIGINT  NOT NULL,
    ctx_bond_policy          TEXT    NOT NULL,
    ctx_slash_on_waiting_timeout BOOLEAN NOT NULL,
    ctx_range                BOOLEAN NOT NULL,
    ctx_market               BOOLEAN NOT NULL,
    ctx_range_remainder      BOOLEAN NOT NULL,
    ctx_taker_assigned       BOOLEAN NOT NULL,
    ctx_buyer_invoice_known  BOOLEAN NOT NULL,
    ctx_hold_invoice         TEXT    NOT NULL,
    ctx_taker_bonds          BIGINT  NOT NULL,
    ctx_maker_bond_locked    BOOLEAN NOT NULL,
    ctx_taker_bond_locked    BOOLEAN NOT NULL,
    ctx_cooperative_cancel_by TEXT,
    ctx_dispute              TEXT,
    ctx_dispute_assignee     TEXT    NOT NULL,
    ctx_next_trade_known     BOOLEAN NOT NULL,
    ctx_payout_in_flight     BOOLEAN NOT NULL,
    ctx_payout_exhausted     BOOLEAN NOT NULL,
    ctx_buyer_rated          BOOLEAN NOT NULL,
    ctx_seller_rated         BOOLEAN NOT NULL,
    ctx_bond_payout          TEXT    NOT NULL,
    ctx_bond_payout_to       TEXT
);
CREATE INDEX orders_status_created ON orders (status, created_at);
CREATE INDEX orders_master_buyer ON orders (master_buyer_pubkey);
CREATE INDEX orders_master_seller ON orders (master_seller_pubkey);
CREATE INDEX orders_created ON orders (created_at);

-- One dispute per order at most.
CREATE TABLE disputes (
    id                TEXT    NOT NULL PRIMARY KEY,
    ins_seq           BIGINT  GENERATED ALWAYS AS IDENTITY,
    order_id          TEXT    NOT NULL UNIQUE REFERENCES orders (id),
    status            TEXT    NOT NULL,
    version           BIGINT  NOT NULL CHECK (version >= 0),
    initiator         TEXT    NOT NULL,
    initiator_pubkey  TEXT    NOT NULL,
    solver_pubkey     TEXT,
    created_at        BIGINT  NOT NULL,
    taken_at          BIGINT,
    event_created_at  BIGINT  NOT NULL
);
CREATE INDEX disputes_status_created ON disputes (status, created_at);

CREATE TABLE users (
    identity_pubkey   TEXT    NOT NULL PRIMARY KEY,
    last_trade_index  BIGINT  NOT NULL,
    total_reviews     BIGINT  NOT NULL,
    total_rating      DOUBLE PRECISION NOT NULL,
    last_rating       BIGINT  NOT NULL,
    min_rating        BIGINT  NOT NULL,
    max_rating        BIGINT  NOT NULL,
    created_at        BIGINT  NOT NULL
);

CREATE TABLE solvers (
    pubkey      TEXT    NOT NULL PRIMARY KEY,
    can_write   BOOLEAN NOT NULL,
    created_at  BIGINT  NOT NULL
);

-- An identity column: a sequence number is never reused.
CREATE TABLE outbox (
    seq         BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_json  TEXT    NOT NULL,
    purpose     TEXT    NOT NULL,
    attempts    BIGINT  NOT NULL,
    not_before  BIGINT  NOT NULL
);
CREATE INDEX outbox_not_before ON outbox (not_before, seq);

CREATE TABLE processed (
    event_id  TEXT    NOT NULL PRIMARY KEY,
    at        BIGINT  NOT NULL
);
CREATE INDEX processed_at ON processed (at);

CREATE TABLE meta (
    key    TEXT NOT NULL PRIMARY KEY,
    value  TEXT NOT NULL
);
