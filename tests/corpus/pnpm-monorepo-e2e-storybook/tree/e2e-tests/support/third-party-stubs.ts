// The end-to-end runs block third-party scripts that the pages under test may try to load.
export const blockedScripts = [
  'https://static.hotjar.com/c/hotjar-1.js',
  'https://connect.facebook.net/en_US/fbevents.js',
]
