describe('support chat', () => {
  it('opens the help desk', () => {
    cy.intercept('https://client.crisp.chat/l.js', { body: '' })
    cy.visit('/')
    cy.window().its('$crisp').should('exist')
  })
})
