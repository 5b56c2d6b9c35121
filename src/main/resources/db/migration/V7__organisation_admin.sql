-- Administration of the organisation (issue #2 items 3, 4): optimistic locking for the dictionaries, like
-- unit and app_user already have, so two administrators editing the same entry cannot overwrite each other.
ALTER TABLE category ADD COLUMN version INT NOT NULL DEFAULT 0;
ALTER TABLE legal_route ADD COLUMN version INT NOT NULL DEFAULT 0;
