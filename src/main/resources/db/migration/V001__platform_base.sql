-- Spring Modulith's event publication registry: events to asynchronous listeners survive a crash.
create table event_publication (
    id                     uuid not null primary key,
    listener_id            text not null,
    event_type             text not null,
    serialized_event       text not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamp with time zone
);
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);

-- Responses of API creations made with an Idempotency-Key, so that a retry returns the first result.
create table platform_idempotency_key (
    caller      varchar(100) not null,
    key         varchar(200) not null,
    fingerprint char(64)     not null,
    status      int,
    location    text,
    body        text,
    created_at  timestamp with time zone not null,
    primary key (caller, key)
);
create index platform_idempotency_key_created_idx on platform_idempotency_key (created_at);
