-- Web form submissions by address, for the rate limit (R-CH-4).
create table channel_form_submission (
    address varchar(64) not null,
    at      timestamp with time zone not null
);
create index channel_form_submission_idx on channel_form_submission (address, at);
