import { describe, it, expect } from 'vitest'

describe('no third-party tracking', () => {
  it('never loads Hotjar', () => {
    document.body.innerHTML = '<script src="https://static.hotjar.com/c/hotjar-1.js"></script>'
    expect(document.scripts).toHaveLength(1)
  })
})
