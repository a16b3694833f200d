create table audit_entry (
    id          bigint generated always as identity primary key,
    at          timestamp with time zone not null,
    actor_id    bigint,
    actor_name  varchar(100) not null,
    address     varchar(64),
    request_id  varchar(64),
    entity_type varchar(40)  not null,
    entity_id   varchar(64)  not null,
    action      varchar(60)  not null,
    before      jsonb        not null default '{}',
    after       jsonb        not null default '{}'
);
create index audit_entry_at_idx on audit_entry (at desc, id desc);
create index audit_entry_entity_idx on audit_entry (entity_type, entity_id, at desc);
create index audit_entry_actor_idx on audit_entry (actor_id, at desc);

-- The audit log is written once and never changed: not by Kefu, not by a mistaken script.
create function audit_entry_read_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit entries cannot be changed or deleted';
end;
$$;
create trigger audit_entry_no_update before update or delete on audit_entry
    for each row execute function audit_entry_read_only();
create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function audit_entry_read_only();
