// Moved to ./pages/ (the hand-off page: pages/handoff.page.tsx; the visit page's deliveries:
// pages/components.tsx). This re-export only lasts until src/visits imports from the new place.
export { DeliveryStatuses } from "./pages/components";
