-- Live chat, continued: a chat handed to a team waits for that team's agents only; an agent may
-- decline a waiting chat (it leaves their list, not the queue); a message may carry a file.
alter table chat_session add column team_id bigint;

create table chat_decline (
    session_id  bigint not null references chat_session (id),
    agent_id    bigint not null,
    declined_at timestamp with time zone not null,
    primary key (session_id, agent_id)
);

alter table chat_message add column attachment_id bigint;
