import * as amplitude from '@amplitude/analytics-node'
export const track = () => amplitude
