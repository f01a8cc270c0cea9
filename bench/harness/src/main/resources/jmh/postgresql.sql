-- Orders and their audit trail.
-- Note: statements end with ';' -- but not the ones inside comments; like this one;
/* Review notes:
   - keep the trigger function SECURITY DEFINER; see ticket 42
   /* nested: the old version used rules; we moved to triggers */
*/

CREATE TABLE orders (
    id          bigserial PRIMARY KEY,
    customer_id bigint NOT NULL,
    status      text NOT NULL DEFAULT 'new', -- 'new'; 'paid'; 'shipped'
    note        text DEFAULT E'none\'s; yet',
    updated_at  timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE orders IS 'One row per order; never deleted';

CREATE TABLE order_audit (
    order_id   bigint NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now(),
    old_status text,
    new_status text
);

CREATE OR REPLACE FUNCTION touch_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();  -- keep this; the API sorts on it
    RETURN NEW;
END;
$$;

CREATE TRIGGER orders_touch BEFORE UPDATE ON orders
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE FUNCTION audit_status() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER AS $body$
DECLARE
    msg text := 'status changed; ' || $$quoted$$;
BEGIN
    IF NEW.status IS DISTINCT FROM OLD.status THEN
        INSERT INTO order_audit (order_id, old_status, new_status)
        VALUES (OLD.id, OLD.status, NEW.status);
        RAISE NOTICE '%: % -> %', msg, OLD.status, NEW.status;
    END IF;
    RETURN NEW;
END;
$body$;

CREATE TRIGGER orders_audit AFTER UPDATE OF status ON orders
    FOR EACH ROW EXECUTE FUNCTION audit_status();

CREATE FUNCTION order_total(o bigint) RETURNS numeric
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT coalesce(sum(CASE WHEN l.kind = 'refund' THEN -l.amount ELSE l.amount END), 0)
    FROM order_lines l WHERE l.order_id = o;
END;

DO $migrate$
BEGIN
    UPDATE orders SET status = 'paid' WHERE status = 'settled';
    EXECUTE format('GRANT SELECT ON %I TO reporting', 'order_audit');
END
$migrate$;

INSERT INTO orders (customer_id, status, note) VALUES
    (1, 'new', 'first; order'),
    (2, 'paid', E'line one\nline two; with \'quotes\'');

CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);
-- end of file; nothing after this
