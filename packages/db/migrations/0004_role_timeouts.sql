-- Server-side limits that match the clients' deadlines (@orders/settings `deadlines`; a test compares
-- them; the api's 5 s statement_timeout, set with the roles, already does). Role defaults apply at login, so
-- no session sends SET, which would pin it to one RDS Proxy connection ("Avoiding pinning an RDS Proxy").
-- They end on the server what a client has given up on: a client deadline discards its connection, but
-- PostgreSQL notices a vanished client only when it next writes.
-- reporting: a rollup queued behind another run's row lock gives up well before the next schedule; the
-- statement itself keeps the 60 s limit set with the role.
ALTER ROLE orders_reporting SET lock_timeout = '10000ms';
