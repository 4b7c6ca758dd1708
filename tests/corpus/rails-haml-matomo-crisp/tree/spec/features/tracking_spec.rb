describe 'tracking', js: true do
  it 'loads the chat only for administrators' do
    visit root_path
    expect(page).not_to have_css('script[src="https://client.crisp.chat/l.js"]')
  end
end
