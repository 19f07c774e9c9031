-- Issue 16: what the resident registry says about a visit's household (its registered address, …),
-- kept apart from the interview's answers so an answer can never overwrite it: the forms print it,
-- and the interview never asks for it again.
ALTER TABLE "visits" ADD COLUMN "registry_facts" jsonb DEFAULT '{}'::jsonb NOT NULL;
