create sequence customer_id_seq;

create table customer (
    id         bigint primary key,
    name       varchar(200) not null,
    email      varchar(254),
    phone      varchar(40),
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    version    int not null default 0
);
create index customer_email_idx on customer (lower(email)) where email is not null;
create index customer_phone_idx on customer (phone) where phone is not null;
create index customer_name_idx on customer (name);
create index customer_created_idx on customer (created_at desc, id desc);
