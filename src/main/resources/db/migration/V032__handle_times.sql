-- Kefu's own calls, answered to hung up, for the handling time forecasts and staffing use.
create table workforce_call (
    call_id     text        primary key,
    queue       text        not null,
    agent_id    bigint      not null,
    answered_at timestamptz not null,
    ended_at    timestamptz
);
create index workforce_call_ended_idx on workforce_call (queue, ended_at);
